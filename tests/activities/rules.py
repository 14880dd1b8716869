from activities.models import Activity, ActivityPhoto, Honour
from tests.activities.factories import ActivityFactory, ActivityPhotoFactory, HonourFactory
from unions.permissions import Perm


def _activity(union):
    return ActivityFactory(union=union)


def _honour(union):
    return HonourFactory(union=union)


def _photo(union):
    return ActivityPhotoFactory(activity=ActivityFactory(union=union))


URL_RULES = {
    "activities:activity-list": (Perm.VIEW, None),
    "activities:activity-create": (Perm.EDIT, None),
    "activities:activity-detail": (Perm.VIEW, _activity),
    "activities:activity-edit": (Perm.EDIT, _activity),
    "activities:activity-void": (Perm.EDIT, _activity),
    "activities:activity-typical": (Perm.EDIT, _activity),
    "activities:activity-photo-upload": (Perm.EDIT, _activity),
    "activities:photo": (Perm.VIEW, _photo),
    "activities:photo-delete": (Perm.EDIT, _photo),
    "activities:honour-list": (Perm.VIEW, None),
    "activities:honour-create": (Perm.EDIT, None),
    "activities:honour-detail": (Perm.VIEW, _honour),
    "activities:honour-edit": (Perm.EDIT, _honour),
    "activities:honour-void": (Perm.EDIT, _honour),
}

AUDIT_CASES = {
    Activity: (ActivityFactory, "title", "改名后的活动"),
    ActivityPhoto: (ActivityPhotoFactory, "caption", "颁奖现场"),
    Honour: (HonourFactory, "title", "全国模范职工之家"),
}
