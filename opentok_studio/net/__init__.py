"""The only network code: sends what core/rest.py builds."""
