"""A small shop back end (deliberately vulnerable: krait's demo)."""
