"""The groups a migration creates, and the model permissions each one carries."""

PROGRAM_CHAIRS = "Program chairs"

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
