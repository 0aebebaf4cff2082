import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_chair_chooses_a_conference_and_the_slot_form_follows_its_zone(live_server, page, db):
    from tests.factories import ConferenceFactory, RoomFactory, chair_of

    los_angeles = ConferenceFactory(name="MLSys 2023", timezone="America/Los_Angeles")
    RoomFactory(conference=los_angeles, name="Hall A")
    new_york = ConferenceFactory(name="MLSys 2024", year=2024)
    RoomFactory(conference=new_york, name="Room 241")
    chair = chair_of(los_angeles)
    new_york.chairs.add(chair)
    page.goto(live_server.url + "/admin/login/?next=/admin/workshops/timeslot/add/")
    page.fill("#id_username", chair.username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    assert "Choose the conference first" in page.locator("#content").inner_text()

    with page.expect_navigation():
        page.select_option("#id_conference", str(los_angeles.pk))

    assert page.url.endswith(f"/admin/workshops/timeslot/add/?conference={los_angeles.pk}")
    assert "Times in America/Los_Angeles" in page.locator("#content").inner_text()
    assert page.locator("#id_room option:not([value=''])").all_inner_texts() == ["Hall A"]
