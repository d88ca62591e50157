"""Staff roles as Django groups: which permissions each holds.

City administrator: everything. Editor (录入员): enters and edits records of
her region, and sees the private fields she collects. Reviewer (审核员): moves
records through review, public notice, conferral and revocation, and publishes
programs and activities; she does not see ID numbers and phones.
"""

ADMIN, EDITOR, REVIEWER = "admin", "editor", "reviewer"

GROUP_NAMES = {
    ADMIN: "市级管理员",
    EDITOR: "录入员",
    REVIEWER: "审核员",
}

RECORD_MODELS = {
    "honors": ["honor", "recipient"],
    "families": ["family", "familyphoto"],
    "programs": ["activity", "activityphoto", "stockfigure"],
}
REFERENCE_MODELS = {
    "core": ["region"],
    "honors": ["honortitle"],
    "families": ["familytitle"],
    "programs": ["program", "stockkind"],
    "reports": ["figure"],
}


def _perms(actions: list[str], models: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [
        (app, f"{action}_{model}")
        for app, names in models.items()
        for model in names
        for action in actions
    ]


VIEW_REFERENCE = _perms(["view"], REFERENCE_MODELS)

ROLE_PERMISSIONS = {
    EDITOR: [
        *VIEW_REFERENCE,
        *_perms(["view", "add", "change"], RECORD_MODELS),
        ("honors", "view_private_fields"),
        ("families", "view_private_fields"),
    ],
    REVIEWER: [
        *VIEW_REFERENCE,
        *_perms(["view", "change"], RECORD_MODELS),
        ("honors", "review_honor"),
        ("families", "review_family"),
        ("programs", "publish_program"),
    ],
    # The administrator gets every permission of the project's apps (see sync_roles).
    ADMIN: [],
}
PROJECT_APPS = ["core", "programs", "honors", "families", "reports"]


def sync_roles(apps) -> None:
    """Create the three groups and give them their permissions (used by a migration)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, name in GROUP_NAMES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        if role == ADMIN:
            permissions = permission_model.objects.filter(
                content_type__app_label__in=[*PROJECT_APPS, "auth"]
            )
        else:
            wanted = ROLE_PERMISSIONS[role]
            permissions = [
                permission_model.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in wanted
            ]
        group.permissions.set(permissions)
