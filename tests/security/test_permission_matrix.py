"""docs/RELIABILITY.md, S9: the permission matrix over every URL name of the project and every role.

MATRIX names every URL pattern (Wagtail admin's included) with who may pass
it. A URL name missing from MATRIX fails `test_every_url_name_is_in_the_matrix`,
and so does a row whose URL no longer exists: a feature that adds URLs adds
its rows here. `test_the_matrix_holds` then requests every URL as every role
(anonymous, member, reviewer, editor, administrator) and compares.

"allow" means the view let the user past its permission checks, and then the
allowed role must get its exact answer: 200 unless ANSWERS names another (405
for a GET on a POST-only view, a 404 by design, a redirect to a named place).
"deny" is a 401/403, a redirect to a login page, or Wagtail's refusal (see
matrix_support.outcome). A 500 fails every cell.
"""

import pytest
from django.conf import settings
from django.test import Client

from members.models import Membership, Organisation
from members.roles import Role
from portal.baseurl import absolute
from tests.security.matrix_support import ROLES, answer, outcome, url_for, url_names, world

A, D = "allow", "deny"


def row(anonymous, member, reviewer, logo_reviewer, editor, administrator, org_admin=None, translator=None):
    """One URL's outcome per role; an organisation's administrator passes where a member does unless told, and
    a translator (staff who edit pages and glossary terms, members/roles.py) where an editor does unless told."""
    org_admin = member if org_admin is None else org_admin
    translator = editor if translator is None else translator
    cells = (anonymous, member, org_admin, reviewer, logo_reviewer, editor, translator, administrator)
    return dict(zip(ROLES, cells, strict=True))


# The logo reviewer (members/roles.py) is a signed-in member of an organisation with one more power: the logo
# applications' review desk. In this matrix every signed-in user belongs to the same organisation.
PUBLIC = row(A, A, A, A, A, A)
SIGNED_IN = row(D, A, A, A, A, A)
STAFF = row(D, D, A, D, A, A)  # Wagtail's admin
PUBLISHERS = row(D, D, A, D, D, A)  # publish, approve, privacy
ADMINISTRATORS = row(D, D, D, D, D, A)
EDITORS = row(D, D, D, D, A, A, translator=D)  # the Pub-WG: member organisations
# Glossary terms and the snippets index that lists them: whoever writes or translates (members/roles.py,
# GLOSSARY_EDIT); deleting a term stays with the administrators.
GLOSSARY_WRITERS = row(D, D, A, D, A, A)
# Volunteer translators' applications: the Tech-WG (members/roles.py, REVIEW_VOLUNTEERS) and the administrators.
VOLUNTEER_REVIEWERS = row(D, D, A, D, D, A)
NOBODY = row(D, D, D, D, D, D)
ORGANISATION_ADMINISTRATORS = row(D, D, D, D, D, A, org_admin=A)
# The logo programme's review desk: its own role (members/roles.py, REVIEW_LOGO) and the administrators.
LOGO_REVIEWERS = row(D, D, D, A, D, A)

MATRIX = {
    # PUBLIC
    "accounts:accept_invitation": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "checker:check": PUBLIC,
    "checker:finding": PUBLIC,
    "checker:findings": PUBLIC,
    "checker:history": PUBLIC,
    "checker:run": PUBLIC,
    "checker_api:api-root": PUBLIC,
    "checker_api:check_create": PUBLIC,
    # The batch API opens only to a member's API token, never to a session (tests/checker/batches/test_api.py: tokens of
    # members, of users without a membership, revoked and forged ones); a GET of its POST-only create answers 405.
    "checker_api:batch_create": PUBLIC,
    "checker_api:batch_detail": NOBODY,
    "checker_api:batch_results": NOBODY,
    # A signed-in member's own API tokens (every user of this matrix has a membership; tests/checker/batches/test_api.py
    # shows a user without one refused, and a colleague's token out of reach).
    "batches:api_tokens": SIGNED_IN,
    "batches:api_token_revoke": SIGNED_IN,
    "batches:batch_list": SIGNED_IN,
    "batches:batch_download": SIGNED_IN,  # nobody's batch: 404 (ANSWERS); another's too (tests/checker/batches)
    "checker_api:check_detail": PUBLIC,
    "checker_api:domain_checks": PUBLIC,
    "checker_api:openapi-json": PUBLIC,
    "healthz": PUBLIC,
    # The resolver test (resolvertest/): anyone's run; a result is found by its random permanent link.
    "resolvertest:start": PUBLIC,
    "resolvertest:result": PUBLIC,
    "resolvertest:report": PUBLIC,
    "resolvertest:stats": PUBLIC,  # the table by operator only for members (tests/resolvertest/test_stats.py)
    # DNSSEC in Japan (campaigns/views.py): public figures; a campaign's bogus names for members only
    # (tests/checker/campaigns/test_stats_pages.py: a signed-in user without a membership is refused).
    "campaigns:stats": PUBLIC,
    "campaigns:list": PUBLIC,
    "campaigns:trend_download": PUBLIC,
    "campaigns:campaign": PUBLIC,
    "campaigns:figures_download": PUBLIC,
    "campaigns:bogus": SIGNED_IN,
    "wagtailadmin_error_test": PUBLIC,  # answers 404 to everyone (ANSWERS)
    "knowledge:feed": PUBLIC,
    "knowledge:help_translate": PUBLIC,
    "accounts:translator_apply": PUBLIC,
    "accounts:translator_applications": VOLUNTEER_REVIEWERS,
    "accounts:translator_application_decide": VOLUNTEER_REVIEWERS,
    # logo: verification that anyone can do (members/logo/views.py)
    "logo:badge": PUBLIC,
    "logo:certificate": PUBLIC,
    "logo:certificate_json": PUBLIC,
    "logo:criteria": PUBLIC,
    "logo:key": PUBLIC,
    "logo:register": PUBLIC,
    "members:directory": PUBLIC,
    "members:organisation": PUBLIC,
    "members:status": PUBLIC,
    "members:status_csv": PUBLIC,
    # The organisation's own users (every role of the matrix belongs to it) and the administrators.
    "members:status_manage": SIGNED_IN,
    "members:status_create": SIGNED_IN,
    "members:status_edit": SIGNED_IN,
    "members:status_delete": SIGNED_IN,
    "search": PUBLIC,
    # failures: drafts by URL are tested with real reports in tests/failures/test_permissions.py
    "failures:attachment": PUBLIC,
    "failures:detail": PUBLIC,
    "failures:feed": PUBLIC,
    "failures:library": PUBLIC,
    "failures:statistics": PUBLIC,
    "failures:translations": PUBLIC,
    "failures:act": SIGNED_IN,
    "failures:create": SIGNED_IN,
    "failures:edit": SIGNED_IN,
    "failures:mine": SIGNED_IN,
    "failures:categories": PUBLISHERS,
    "failures:category_edit": PUBLISHERS,
    "failures:review": PUBLISHERS,
    # logo: the members' and reviewers' pages (every user of the matrix belongs to the organisation whose
    # application and certificate the URLs name; another organisation's answer 404, tests/members/test_logo_pages.py)
    "logo:apply": SIGNED_IN,
    "logo:application": SIGNED_IN,
    "logo:check_again": SIGNED_IN,
    "logo:mine": SIGNED_IN,
    "logo:renew": SIGNED_IN,
    "logo:withdraw": SIGNED_IN,
    "logo:withdraw_application": SIGNED_IN,
    "logo:decide": LOGO_REVIEWERS,
    "logo:review": LOGO_REVIEWERS,
    "logo:reinstate": ADMINISTRATORS,  # staff handle revocation appeals
    # watched domains and their webhook (watch/): every user acts for their own organisation, whose watched domain
    # the URLs name; another organisation's is a 404 (tests/watch/test_pages.py). The feed's key is its token.
    "watch:list": SIGNED_IN,
    "watch:history": SIGNED_IN,
    "watch:update": SIGNED_IN,
    "watch:remove": SIGNED_IN,
    # The webhook sends every alert out of the portal: the organisation's own administrators keep it.
    "watch:webhook": row(D, D, D, D, D, A, org_admin=A),
    "watch:webhook_delete": row(D, D, D, D, D, A, org_admin=A),
    "watch:feed": PUBLIC,
    "sitemap": PUBLIC,
    "translation_missing": PUBLIC,
    "wagtail_serve": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
    "wagtailadmin_login": PUBLIC,
    "wagtailadmin_password_reset": PUBLIC,
    "wagtailadmin_password_reset_complete": PUBLIC,
    "wagtailadmin_password_reset_confirm": PUBLIC,
    "wagtailadmin_password_reset_done": PUBLIC,
    "wagtailadmin_sprite": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailcore_login": PUBLIC,
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "wagtaildocs_serve": PUBLIC,
    # SIGNED_IN
    "accounts:account": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    # STAFF
    "wagtail_bulk_action": STAFF,
    "wagtail_localize:convert_to_alias": STAFF,
    "wagtail_localize:download_pofile": STAFF,
    "wagtail_localize:edit_override": STAFF,
    "wagtail_localize:edit_string_translation": STAFF,
    "wagtail_localize:javascript_catalog": STAFF,
    "wagtail_localize:machine_translate": STAFF,
    "wagtail_localize:preview_translation": STAFF,
    "wagtail_localize:snippets_api_detail": STAFF,
    "wagtail_localize:snippets_api_listing": STAFF,
    "wagtail_localize:stop_translation": STAFF,
    "wagtail_localize:submit_page_translation": STAFF,
    "wagtail_localize:submit_snippet_translation": STAFF,
    "wagtail_localize:translations_report": STAFF,
    "wagtail_localize:translations_report_results": STAFF,
    "wagtail_localize:update_translations": STAFF,
    "wagtail_localize:upload_pofile": STAFF,
    "wagtailadmin_account": STAFF,
    "wagtailadmin_api:documents:detail": STAFF,
    "wagtailadmin_api:documents:find": STAFF,
    "wagtailadmin_api:documents:listing": STAFF,
    "wagtailadmin_api:images:detail": STAFF,
    "wagtailadmin_api:images:find": STAFF,
    "wagtailadmin_api:images:listing": STAFF,
    "wagtailadmin_api:pages:action": STAFF,
    "wagtailadmin_api:pages:detail": STAFF,
    "wagtailadmin_api:pages:find": STAFF,
    "wagtailadmin_api:pages:listing": STAFF,
    "wagtailadmin_block_preview": STAFF,
    "wagtailadmin_choose_page": STAFF,
    "wagtailadmin_choose_page_anchor_link": STAFF,
    "wagtailadmin_choose_page_child": STAFF,
    "wagtailadmin_choose_page_chosen_multiple": STAFF,
    "wagtailadmin_choose_page_email_link": STAFF,
    "wagtailadmin_choose_page_external_link": STAFF,
    "wagtailadmin_choose_page_phone_link": STAFF,
    "wagtailadmin_choose_page_search": STAFF,
    "wagtailadmin_collections:delete": STAFF,
    "wagtailadmin_dismissibles": STAFF,
    "wagtailadmin_editing_sessions:ping": STAFF,
    "wagtailadmin_editing_sessions:release": STAFF,
    "wagtailadmin_explore": STAFF,
    "wagtailadmin_explore_results": STAFF,
    "wagtailadmin_explore_root": STAFF,
    "wagtailadmin_home": STAFF,
    "wagtailadmin_logout": STAFF,
    "wagtailadmin_pages:add": STAFF,
    "wagtailadmin_pages:add_subpage": STAFF,
    "wagtailadmin_pages:choose_parent": STAFF,
    "wagtailadmin_pages:confirm_workflow_cancellation": STAFF,
    "wagtailadmin_pages:convert_alias": STAFF,
    "wagtailadmin_pages:copy": STAFF,
    "wagtailadmin_pages:delete": STAFF,
    "wagtailadmin_pages:edit": STAFF,
    "wagtailadmin_pages:history": STAFF,
    "wagtailadmin_pages:history_results": STAFF,
    "wagtailadmin_pages:lock": STAFF,
    "wagtailadmin_pages:move": STAFF,
    "wagtailadmin_pages:move_confirm": STAFF,
    "wagtailadmin_pages:preview_on_add": STAFF,
    "wagtailadmin_pages:preview_on_edit": STAFF,
    "wagtailadmin_pages:revisions_compare": STAFF,
    "wagtailadmin_pages:revisions_index": STAFF,
    "wagtailadmin_pages:revisions_revert": STAFF,
    "wagtailadmin_pages:revisions_view": STAFF,
    "wagtailadmin_pages:search": STAFF,
    "wagtailadmin_pages:search_results": STAFF,
    "wagtailadmin_pages:set_page_position": STAFF,
    "wagtailadmin_pages:type_use": STAFF,
    "wagtailadmin_pages:type_use_results": STAFF,
    "wagtailadmin_pages:unlock": STAFF,
    "wagtailadmin_pages:usage": STAFF,
    "wagtailadmin_pages:view_draft": STAFF,
    "wagtailadmin_pages:workflow_history": STAFF,
    "wagtailadmin_pages:workflow_history_detail": STAFF,
    "wagtailadmin_reports:aging_pages": STAFF,
    "wagtailadmin_reports:aging_pages_results": STAFF,
    "wagtailadmin_reports:locked_pages": STAFF,
    "wagtailadmin_reports:locked_pages_results": STAFF,
    "wagtailadmin_reports:page_types_usage": STAFF,
    "wagtailadmin_reports:page_types_usage_results": STAFF,
    "wagtailadmin_reports:site_history": STAFF,
    "wagtailadmin_reports:site_history_results": STAFF,
    "wagtailadmin_reports:workflow": STAFF,
    "wagtailadmin_reports:workflow_results": STAFF,
    "wagtailadmin_reports:workflow_tasks": STAFF,
    "wagtailadmin_reports:workflow_tasks_results": STAFF,
    "wagtailadmin_tag_autocomplete": STAFF,
    "wagtailadmin_tag_model_autocomplete": STAFF,
    "wagtailadmin_workflows:enable": STAFF,
    "wagtailadmin_workflows:enable_task": STAFF,
    "wagtailadmin_workflows:remove": STAFF,
    "wagtailadmin_workflows:task_chooser": STAFF,
    "wagtailadmin_workflows:task_chooser_create": STAFF,
    "wagtailadmin_workflows:task_chooser_results": STAFF,
    "wagtailadmin_workflows:task_chosen": STAFF,
    "wagtaildocs:add": STAFF,
    "wagtaildocs:add_multiple": STAFF,
    "wagtaildocs:create_multiple_from_uploaded_document": STAFF,
    "wagtaildocs:delete": STAFF,
    "wagtaildocs:delete_multiple": STAFF,
    "wagtaildocs:delete_upload_multiple": STAFF,
    "wagtaildocs:document_usage": STAFF,
    "wagtaildocs:edit": STAFF,
    "wagtaildocs:edit_multiple": STAFF,
    "wagtaildocs:index": STAFF,
    "wagtaildocs:index_results": STAFF,
    "wagtaildocs_chooser:choose": STAFF,
    "wagtaildocs_chooser:choose_results": STAFF,
    "wagtaildocs_chooser:chosen": STAFF,
    "wagtaildocs_chooser:chosen_multiple": STAFF,
    "wagtaildocs_chooser:create": STAFF,
    "wagtailembeds:chooser": STAFF,
    "wagtailembeds:chooser_upload": STAFF,
    "wagtailforms:index": STAFF,
    "wagtailforms:index_results": STAFF,
    "wagtailforms:list_submissions": STAFF,
    "wagtailforms:list_submissions_results": STAFF,
    "wagtailimages:add": STAFF,
    "wagtailimages:add_multiple": STAFF,
    "wagtailimages:create_multiple_from_uploaded_image": STAFF,
    "wagtailimages:delete": STAFF,
    "wagtailimages:delete_multiple": STAFF,
    "wagtailimages:delete_upload_multiple": STAFF,
    "wagtailimages:edit": STAFF,
    "wagtailimages:edit_multiple": STAFF,
    "wagtailimages:image_usage": STAFF,
    "wagtailimages:index": STAFF,
    "wagtailimages:index_results": STAFF,
    "wagtailimages:preview": STAFF,
    "wagtailimages:url_generator": STAFF,
    "wagtailimages:url_generator_output": STAFF,
    "wagtailimages_chooser:choose": STAFF,
    "wagtailimages_chooser:choose_results": STAFF,
    "wagtailimages_chooser:chosen": STAFF,
    "wagtailimages_chooser:chosen_multiple": STAFF,
    "wagtailimages_chooser:create": STAFF,
    "wagtailimages_chooser:select_format": STAFF,
    "wagtailsettings:edit": STAFF,
    "wagtailsettings:preview_on_edit": STAFF,
    "wagtailsnippetchoosers_knowledge_glossaryterm:choose": STAFF,
    "wagtailsnippetchoosers_knowledge_glossaryterm:choose_results": STAFF,
    "wagtailsnippetchoosers_knowledge_glossaryterm:chosen": STAFF,
    "wagtailsnippetchoosers_knowledge_glossaryterm:chosen_multiple": STAFF,
    "wagtailsnippetchoosers_members_organisation:choose": STAFF,
    "wagtailsnippetchoosers_members_organisation:choose_results": STAFF,
    "wagtailsnippetchoosers_members_organisation:chosen": STAFF,
    "wagtailsnippetchoosers_members_organisation:chosen_multiple": STAFF,
    # PUBLISHERS
    "wagtailadmin_pages:collect_workflow_action_data": PUBLISHERS,
    "wagtailadmin_pages:revisions_unschedule": PUBLISHERS,
    "wagtailadmin_pages:set_privacy": PUBLISHERS,
    "wagtailadmin_pages:unpublish": PUBLISHERS,
    "wagtailadmin_pages:workflow_action": PUBLISHERS,
    "wagtailadmin_pages:workflow_preview": PUBLISHERS,
    # EDITORS: the Pub-WG keeps the member organisations (members/roles.py, ORGANISATION_EDIT); the snippets
    # index lists them. Deleting one stays with the administrators.
    "wagtailsnippetchoosers_members_organisation:create": EDITORS,
    "wagtailsnippets:index": GLOSSARY_WRITERS,
    "wagtailsnippets_members_organisation:add": EDITORS,
    "wagtailsnippets_members_organisation:copy": EDITORS,
    "wagtailsnippets_members_organisation:edit": EDITORS,
    "wagtailsnippets_members_organisation:history": EDITORS,
    "wagtailsnippets_members_organisation:history_results": EDITORS,
    "wagtailsnippets_members_organisation:list": EDITORS,
    "wagtailsnippets_members_organisation:list_results": EDITORS,
    "wagtailsnippets_members_organisation:usage": EDITORS,
    # GLOSSARY_WRITERS
    "wagtailsnippetchoosers_knowledge_glossaryterm:create": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:add": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:copy": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:edit": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:history": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:history_results": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:list": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:list_results": GLOSSARY_WRITERS,
    "wagtailsnippets_knowledge_glossaryterm:usage": GLOSSARY_WRITERS,
    # ADMINISTRATORS
    "members_membership:add": ADMINISTRATORS,
    "members_membership:copy": ADMINISTRATORS,
    "members_membership:delete": ADMINISTRATORS,
    "members_membership:edit": ADMINISTRATORS,
    "members_membership:history": ADMINISTRATORS,
    "members_membership:history_results": ADMINISTRATORS,
    "members_membership:index": ADMINISTRATORS,
    "members_membership:index_results": ADMINISTRATORS,
    "members_membership:usage": ADMINISTRATORS,
    "accounts:invite": ADMINISTRATORS,
    # ORGANISATION_ADMINISTRATORS: an organisation's own administrators (and the portal's) keep its colleagues.
    "accounts:colleagues": ORGANISATION_ADMINISTRATORS,
    "accounts:colleague_withdraw_invitation": ORGANISATION_ADMINISTRATORS,
    "accounts:colleague_roles": ORGANISATION_ADMINISTRATORS,
    "accounts:colleague_remove": ORGANISATION_ADMINISTRATORS,
    "accounts:domains": ORGANISATION_ADMINISTRATORS,
    "accounts:domain_check": ORGANISATION_ADMINISTRATORS,
    "accounts:domain_remove": ORGANISATION_ADMINISTRATORS,
    "accounts:entry": ORGANISATION_ADMINISTRATORS,
    # The Pub-WG reviews what organisations propose for their entries.
    "accounts:entry_proposals": EDITORS,
    "accounts:entry_proposal_decide": EDITORS,
    "members_login_failures": ADMINISTRATORS,
    # Measurement campaigns (campaigns/admin_views.py): they send queries to every server of a list.
    "campaigns_lists": ADMINISTRATORS,
    "campaigns_list": ADMINISTRATORS,
    "campaigns_campaign": ADMINISTRATORS,
    "campaigns_download": ADMINISTRATORS,
    "members_login_failures_clear": ADMINISTRATORS,
    "accounts:withdraw_invitation": ADMINISTRATORS,
    "wagtailadmin_collections:add": ADMINISTRATORS,
    "wagtailadmin_collections:edit": ADMINISTRATORS,
    "wagtailadmin_collections:index": ADMINISTRATORS,
    "wagtailadmin_collections:set_privacy": ADMINISTRATORS,
    "wagtailadmin_workflows:add": ADMINISTRATORS,
    "wagtailadmin_workflows:add_task": ADMINISTRATORS,
    "wagtailadmin_workflows:disable": ADMINISTRATORS,
    "wagtailadmin_workflows:disable_task": ADMINISTRATORS,
    "wagtailadmin_workflows:edit": ADMINISTRATORS,
    "wagtailadmin_workflows:edit_task": ADMINISTRATORS,
    "wagtailadmin_workflows:index": ADMINISTRATORS,
    "wagtailadmin_workflows:index_results": ADMINISTRATORS,
    "wagtailadmin_workflows:select_task_type": ADMINISTRATORS,
    "wagtailadmin_workflows:task_index": ADMINISTRATORS,
    "wagtailadmin_workflows:task_index_results": ADMINISTRATORS,
    "wagtailadmin_workflows:usage": ADMINISTRATORS,
    "wagtailadmin_workflows:usage_results": ADMINISTRATORS,
    "wagtaillocales:add": ADMINISTRATORS,
    "wagtaillocales:copy": ADMINISTRATORS,
    "wagtaillocales:delete": ADMINISTRATORS,
    "wagtaillocales:edit": ADMINISTRATORS,
    "wagtaillocales:history": ADMINISTRATORS,
    "wagtaillocales:history_results": ADMINISTRATORS,
    "wagtaillocales:index": ADMINISTRATORS,
    "wagtaillocales:index_results": ADMINISTRATORS,
    "wagtaillocales:usage": ADMINISTRATORS,
    "wagtailredirects:add": ADMINISTRATORS,
    "wagtailredirects:delete": ADMINISTRATORS,
    "wagtailredirects:edit": ADMINISTRATORS,
    "wagtailredirects:index": ADMINISTRATORS,
    "wagtailredirects:index_results": ADMINISTRATORS,
    "wagtailredirects:process_import": ADMINISTRATORS,
    "wagtailredirects:start_import": ADMINISTRATORS,
    "wagtailsites:add": ADMINISTRATORS,
    "wagtailsites:copy": ADMINISTRATORS,
    "wagtailsites:delete": ADMINISTRATORS,
    "wagtailsites:edit": ADMINISTRATORS,
    "wagtailsites:history": ADMINISTRATORS,
    "wagtailsites:history_results": ADMINISTRATORS,
    "wagtailsites:index": ADMINISTRATORS,
    "wagtailsites:index_results": ADMINISTRATORS,
    "wagtailsites:usage": ADMINISTRATORS,
    "wagtailsnippets_knowledge_glossaryterm:delete": ADMINISTRATORS,
    "wagtailsnippets_members_organisation:delete": ADMINISTRATORS,
    # Groups follow the role table (members/admin_users.py): nobody adds, changes or deletes one by hand.
    "wagtailusers_groups:add": NOBODY,
    "wagtailusers_groups:delete": NOBODY,
    "wagtailusers_groups:edit": NOBODY,
    "wagtailusers_groups:history": NOBODY,  # a group has no history of hand edits to show
    "wagtailusers_groups:history_results": NOBODY,
    "wagtailusers_groups:index": ADMINISTRATORS,
    "wagtailusers_groups:index_results": ADMINISTRATORS,
    "wagtailusers_groups:usage": NOBODY,
    "wagtailusers_users:add": ADMINISTRATORS,
    "wagtailusers_users:copy": ADMINISTRATORS,
    "wagtailusers_users:delete": ADMINISTRATORS,
    "wagtailusers_users:edit": ADMINISTRATORS,
    "wagtailusers_users:history": ADMINISTRATORS,
    "wagtailusers_users:history_results": ADMINISTRATORS,
    "wagtailusers_users:index": ADMINISTRATORS,
    "wagtailusers_users:index_results": ADMINISTRATORS,
    "wagtailusers_users:usage": ADMINISTRATORS,
    # NOBODY: the project has no form page type, so there are no submissions to delete.
    "wagtailforms:delete_submissions": NOBODY,
}

# What an allowed role gets, when it is not a 200. Every allowed cell is compared with its exact answer,
# and no cell, allowed or denied, may be a 500.
POST_ONLY = [
    "accounts:logout",
    "accounts:withdraw_invitation",
    "accounts:colleague_withdraw_invitation",
    "accounts:colleague_roles",
    "accounts:colleague_remove",
    "accounts:domain_check",
    "accounts:domain_remove",
    "accounts:entry_proposal_decide",
    "accounts:translator_application_decide",
    "members_login_failures_clear",
    "checker_api:check_create",
    "checker_api:batch_create",
    "batches:api_token_revoke",
    "failures:act",
    "logo:check_again",
    "logo:decide",
    "logo:reinstate",
    "logo:withdraw",
    "logo:withdraw_application",
    "members:status_delete",
    "resolvertest:report",
    "watch:remove",
    "watch:update",
    "watch:webhook_delete",
    "wagtail_localize:edit_override",
    "wagtail_localize:edit_string_translation",
    "wagtail_localize:machine_translate",
    "wagtail_localize:stop_translation",
    "wagtail_localize:upload_pofile",
    "wagtailadmin_api:pages:action",
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
    "wagtailadmin_logout",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:set_page_position",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_workflows:enable",
    "wagtailadmin_workflows:enable_task",
    "wagtailadmin_workflows:remove",
    "wagtaildocs:create_multiple_from_uploaded_document",
    "wagtaildocs:delete_multiple",
    "wagtaildocs:delete_upload_multiple",
    "wagtaildocs:edit_multiple",
    "wagtailimages:create_multiple_from_uploaded_image",
    "wagtailimages:delete_multiple",
    "wagtailimages:delete_upload_multiple",
    "wagtailimages:edit_multiple",
    "wagtailredirects:process_import",
]
SIGNED_IN_ROLES = ROLES[1:]
ANSWERS = {
    **{name: 405 for name in POST_ONLY},  # a GET on a view that only takes POST
    # 404 by design, for everyone
    "wagtail_serve": 404,  # the sample page is a draft: never served, whoever asks
    "translation_missing": 404,  # the page that says a translation is missing is itself a 404
    "accounts:accept_invitation": 404,  # without an invitation's link followed first, there is nothing to accept
    "checker_api:api-root": 404,  # the API has no index: /api/v1/docs is its description
    "batches:batch_download": {role: 404 for role in SIGNED_IN_ROLES},  # the sample batch is nobody's
    "wagtailadmin_error_test": 404,  # Wagtail's deliberate 500, switched off for everyone (portal/urls.py)
    "wagtailforms:list_submissions": 404,  # the project has no form page type
    "wagtailforms:list_submissions_results": 404,
    "wagtailsettings:edit": 404,  # the project registers no settings model
    "wagtailsettings:preview_on_edit": 404,
    "wagtailimages:url_generator": 404,  # no dynamic image serve view is installed, so there is no URL to make
    "wagtailimages:url_generator_output": 404,
    # Wagtail answers 404 for a collection the user may not delete, as for one it hides
    "wagtailadmin_collections:delete": {"reviewer": 404, "editor": 404, "translator": 404},
    # redirects to a named place
    "accounts:login": {role: (302, lambda o: "/ja/accounts/") for role in SIGNED_IN_ROLES},
    "wagtailadmin_login": {
        role: (302, lambda o: "/admin/") for role in ("reviewer", "editor", "translator", "administrator")
    },
    "wagtailadmin_pages:add_subpage": (302, lambda o: f"/admin/pages/add/portal/homepage/{o['home'].pk}/"),
    "wagtailadmin_pages:revisions_index": (302, lambda o: f"/admin/pages/{o['draft'].pk}/history/"),
    "wagtailadmin_workflows:select_task_type": (
        302,
        lambda o: "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/",
    ),
    # The API's redirects carry the Wagtail Site's address, which PORTAL_BASE_URL sets (portal.baseurl).
    "wagtailadmin_api:pages:find": (302, lambda o: absolute(f"/admin/api/main/pages/{o['live'].pk}/?")),
    "wagtailadmin_api:documents:find": (302, lambda o: absolute(f"/admin/api/main/documents/{o['document'].pk}/?")),
    "wagtailadmin_api:images:find": (302, lambda o: absolute(f"/admin/api/main/images/{o['image'].pk}/?")),
}


def expected_answer(name, role, objects):
    """(status, location or None) that an allowed role must get."""
    spec = ANSWERS.get(name, 200)
    if isinstance(spec, dict):
        spec = spec.get(role, 200)
    if isinstance(spec, int):
        return spec, None
    return spec[0], spec[1](objects)


def test_every_url_name_is_in_the_matrix():
    names = set(url_names())
    assert sorted(names - set(MATRIX)) == [], "URL names missing from the permission matrix: add their rows to MATRIX"
    assert sorted(set(MATRIX) - names) == [], "rows for URL names that no longer exist"


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.FAILURES_ATTACHMENT_ROOT = str(tmp_path / "attachments")


@pytest.fixture
def users(db, django_user_model):
    organisation = Organisation.objects.create(slug="matrix-member", name_ja="会員組織", name_en="Member org")
    made = {}
    for role in ROLES[1:]:
        user = django_user_model.objects.create_user(username=f"{role}@matrix.example", email=f"{role}@matrix.example")
        Membership.objects.create(
            user=user, organisation=organisation, roles=[Role.MEMBER, role] if role == Role.ORG_ADMIN else [role]
        )
        made[role] = user
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_holds(users, role):
    objects = world(submitter=users[Role.EDITOR])
    client = Client(raise_request_exception=False)
    if role != Role.ANONYMOUS:
        client.force_login(users[role])
    wrong = []
    for name, route in sorted(url_names().items()):
        if name not in MATRIX:
            continue  # test_every_url_name_is_in_the_matrix reports it
        path = url_for(name, route, objects, users)
        response = client.get(path)
        got = outcome(response, path)
        if role != Role.ANONYMOUS and not client.cookies.get(settings.SESSION_COOKIE_NAME).value:
            # Wagtail's admin logout drops the cookie even on a refused GET; log in again.
            client.force_login(users[role])
        status, location = answer(response, path)
        if status >= 500:
            wrong.append(f"{name} {path}: {status}")
        elif got != MATRIX[name][role]:
            wrong.append(f"{name} {path}: expected {MATRIX[name][role]}, got {got} ({status})")
        elif got == "allow" and (status, location) != expected_answer(name, role, objects):
            wrong.append(f"{name} {path}: expected {expected_answer(name, role, objects)}, got {(status, location)}")
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
def test_drafts_are_seen_only_in_the_admin_by_reviewers_and_editors(users, role):
    objects = world(submitter=users[Role.EDITOR])
    client = Client()
    if role != Role.ANONYMOUS:
        client.force_login(users[role])
    draft = objects["draft"]
    assert (
        client.get(f"/ja{draft.url_path.split('/', 2)[2] and '/' + draft.url_path.split('/', 2)[2]}").status_code == 404
    )
    staff = role in (Role.REVIEWER, Role.EDITOR, Role.TRANSLATOR, Role.ADMINISTRATOR)
    for path in (
        f"/admin/pages/{draft.pk}/view_draft/",
        f"/admin/pages/{draft.pk}/revisions/{objects['revision'].pk}/view/",
    ):
        response = client.get(path)
        assert (response.status_code == 200 and b"Draft" in response.content) is staff, path
