"""The ten categories of the taxonomy as the project started with them; reviewers edit them afterwards."""
from django.db import migrations

CATEGORIES = [
    ("key-rollover", "鍵のロールオーバー", "Key rollover"),
    ("signature-expiry", "署名の期限切れと再署名", "Signature expiry and re-signing"),
    ("ds-handling", "レジストリ・レジストラでの DS の扱い", "DS handling at a registry or registrar"),
    ("operator-transfer", "レジストラ・DNS 事業者の移転", "Registrar or DNS-operator transfer"),
    ("algorithm-digest", "アルゴリズムとダイジェスト", "Algorithm and digest"),
    ("denial-of-existence", "不在証明（NSEC/NSEC3）", "Denial of existence (NSEC/NSEC3)"),
    (
        "transport",
        "トランスポート（TCP、EDNS、フラグメント、中間装置、ロードバランサー、レート制限）",
        "Transport (TCP, EDNS, fragmentation, middleboxes, load balancers, rate limits)",
    ),
    ("trust-anchor-clock", "フルリゾルバーのトラストアンカーと時刻", "Resolver trust anchor and clock"),
    ("software-bug", "ソフトウェアの不具合", "Software bug"),
    ("process-human-error", "運用手順と人為的ミス", "Process and human error"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("failures", "Category")
    for order, (slug, name_ja, name_en) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name_ja, "name_ja": name_ja, "name_en": name_en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("failures", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
