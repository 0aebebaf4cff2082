"""Every non-trivial read: the queryset behind each public page, with a fixed query count.
One module per kind of reader; callers use `selectors.<name>`."""

from workshops.program.selectors.attendee import (
    UNSTARRABLE_KINDS,
    program_for_export,
    program_live,
    program_version_for,
    schedule_hash_for,
    slot_days_for_agenda,
    working_schedule_hash_for,
    workshop_slugs_for_stars,
    workshops_for_favourites,
)
from workshops.program.selectors.editions import (
    SitemapEdition,
    cancelled_workshop_count,
    conference_current,
    conference_for_public,
    conferences_for_switcher,
    program_for_sitemap,
    slots_for_move,
)
from workshops.program.selectors.listing import (
    paper_for_detail,
    workshop_for_detail,
    workshop_other_editions,
    workshops_for_listing,
)
from workshops.program.selectors.people import (
    OrganizerProgram,
    organizer_for_detail,
    organizers_for_index,
)
from workshops.program.selectors.schedule import (
    days_for_program,
    room_slots_after,
    room_slots_for_sign,
    rooms_for_program,
    schedule_for_program,
    schedule_slots,
    topics_for_program,
)

__all__ = [
    "conference_for_public",
    "cancelled_workshop_count",
    "slots_for_move",
    "conference_current",
    "conferences_for_switcher",
    "SitemapEdition",
    "program_for_sitemap",
    "workshops_for_listing",
    "workshop_for_detail",
    "paper_for_detail",
    "workshop_other_editions",
    "rooms_for_program",
    "days_for_program",
    "schedule_for_program",
    "schedule_slots",
    "topics_for_program",
    "room_slots_for_sign",
    "room_slots_after",
    "organizers_for_index",
    "OrganizerProgram",
    "organizer_for_detail",
    "program_for_export",
    "program_live",
    "working_schedule_hash_for",
    "schedule_hash_for",
    "program_version_for",
    "workshops_for_favourites",
    "UNSTARRABLE_KINDS",
    "workshop_slugs_for_stars",
    "slot_days_for_agenda",
]
