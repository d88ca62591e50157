"""Private data: who may see it in full, and how it is masked for everyone else."""


def can_see_private(user, app_label: str) -> bool:
    """ID numbers, phones and addresses in full need the app's view_private_fields permission."""
    return user.has_perm(f"{app_label}.view_private_fields")


def mask_id_number(value: str) -> str:
    """3716**********123X: region prefix and last four kept."""
    if not value:
        return ""
    return value[:4] + "*" * max(0, len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """139****5678."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 8 else "****"


def mask_address(value: str) -> str:
    """The first six characters (county and town), the rest hidden."""
    if not value:
        return ""
    return value[:6] + "****"


MASKS = {"id_number": mask_id_number, "phone": mask_phone, "address": mask_address}
