"""Staff roles as Django groups: which permissions each holds.

City administrator: everything. Editor (录入员): enters and edits records of
her region, and sees the private fields she collects. Reviewer (审核员): moves
records through review, public notice, conferral and revocation, and publishes
programs and activities; she does not see ID numbers and phones.
"""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions

ADMIN, EDITOR, REVIEWER = "admin", "editor", "reviewer"

GROUP_NAMES = {
    ADMIN: "市级管理员",
    EDITOR: "录入员",
    REVIEWER: "审核员",
}


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    """Each role's permissions as (app label, codename), from what the apps declare on their
    AppConfig (core.apps says how)."""
    editor, reviewer = [], []
    for config in django_apps.get_app_configs():
        label = config.label
        views = [(label, f"view_{model}") for model in getattr(config, "reference_models", ())]
        editor += views
        reviewer += views
        for model in getattr(config, "record_models", ()):
            editor += [(label, f"{action}_{model}") for action in ("view", "add", "change")]
            reviewer += [(label, f"{action}_{model}") for action in ("view", "change")]
        editor += [(label, codename) for codename in getattr(config, "editor_permissions", ())]
        reviewer += [(label, codename) for codename in getattr(config, "reviewer_permissions", ())]
    # The administrator gets every permission of the project's apps (see sync_roles).
    return {EDITOR: editor, REVIEWER: reviewer, ADMIN: []}


def project_apps() -> list[str]:
    """The apps whose permissions the administrator holds: core and the apps that declare
    records, reference data or public tables."""
    return [
        config.label
        for config in django_apps.get_app_configs()
        if config.label == "core"
        or any(
            hasattr(config, name) for name in ("public_data", "record_models", "reference_models")
        )
    ]


def sync_roles(apps) -> None:
    """Create the three groups and give them their permissions (used by migrations).

    `apps` is the migration's registry, which writes; what the roles hold is read from the
    project's apps as they declare it."""

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted_by_role = role_permissions()
    for role, name in GROUP_NAMES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        if role == ADMIN:
            permissions = permission_model.objects.filter(
                content_type__app_label__in=[*project_apps(), "auth"]
            )
        else:
            # A permission whose model a later migration creates is given by the migration
            # that syncs the roles again after it.
            wanted = set(wanted_by_role[role])
            permissions = [
                permission
                for permission in permission_model.objects.select_related("content_type")
                if (permission.content_type.app_label, permission.codename) in wanted
            ]
        group.permissions.set(permissions)
