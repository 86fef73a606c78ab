"""Create the first administrator and print its login once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an administrator if there is none, and print its password this one time."

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default="/admin/", help="Where the administrator logs in, as printed.")

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(
            f"\n  Administrator created. Log in at {options['admin_url']} with\n"
            f"    user: admin\n    password: {password}\n"
            "  This is the only time the password is shown (change it with: .venv/bin/python manage.py "
            "changepassword admin)\n"
        )
