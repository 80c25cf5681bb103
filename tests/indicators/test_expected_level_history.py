"""An expected level is what figures are judged against in words: each change is kept with
the level it replaced, who made it and when."""

from decimal import Decimal as D

from django.utils import timezone

from indicators.models import ExpectedLevel


def test_a_change_of_level_in_the_admin_keeps_the_old_level_with_who_and_when(
    client, cheshire_east, django_user_model
):
    level = ExpectedLevel.objects.get(indicator__partnership=cheshire_east)
    assert level.value == D(40)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    before = timezone.now()
    response = client.post(
        f"/admin/indicators/expectedlevel/{level.pk}/change/",
        {
            "indicator": level.indicator_id,
            "applies_from": str(level.applies_from),
            "value": "45",
            "source": "SafeLives (2016 guidance)",
            "compares": level.compares,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new, old = level.history.order_by("-history_date", "-history_id")[:2]
    assert (new.value, new.source) == (D(45), "SafeLives (2016 guidance)")
    assert (old.value, old.source) == (D(40), level.source)
    assert new.history_user == admin and new.history_type == "~"
    assert before <= new.history_date <= timezone.now()
    page = client.get(f"/admin/indicators/expectedlevel/{level.pk}/history/").content.decode()
    assert "SafeLives (2016 guidance)" in page and "admin" in page
