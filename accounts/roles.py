"""The groups that migrations create; membership plus a link to a conference or a person
gives a role (see accounts.permissions)."""

PROGRAM_CHAIRS = "Program chairs"  # and listed among a conference's chairs
WORKSHOP_ORGANIZERS = "Workshop organizers"  # and linked to an Organizer record
STAFF = "Staff"  # reads and exports everything

# (app label, model) pairs a program chair may add, change, delete and view.
PROGRAM_CHAIR_MODELS = [
    ("workshops", "conference"),
    ("workshops", "room"),
    ("workshops", "organizer"),
    ("workshops", "workshop"),
    ("workshops", "workshoporganizer"),
    ("workshops", "timeslot"),
    ("workshops", "agendaitem"),
]
