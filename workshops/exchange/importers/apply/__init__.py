"""Applying a plan to the database, one step per kind of row: each step matches the plan's rows
against the conference's, works out what differs, checks it and saves it (session.py holds
what the steps share)."""
