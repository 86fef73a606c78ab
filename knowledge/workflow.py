"""The editors' moderation workflow: an editor submits, a Tech-WG reviewer approves.

Created by the migration 0002_review_workflow and assigned to the root page,
so it covers every page of both language trees. The approving group is the
reviewer role's group of members.roles.
"""

from members.roles import BY_ROLE, Role

# Wagtail shows these names as they are, in every language of the admin: they are in the editors' language.
# Before migration 0005 they were "Tech-WG review" and "Tech-WG reviewer approval".
WORKFLOW_NAME = "Tech-WG レビュー"
TASK_NAME = "Tech-WG レビュアーの承認"


def ensure_review_workflow(apps):
    """Create (or repair) the workflow; `apps` is a migration's registry or django.apps.apps."""
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    reviewers = Group.objects.get_or_create(name=BY_ROLE[Role.REVIEWER].group)[0]
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=content_type)
    task.groups.set([reviewers])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=Task.objects.get(pk=task.pk), defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
