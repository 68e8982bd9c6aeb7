"""The staff back office: a small Django project next to the Flask shop."""
