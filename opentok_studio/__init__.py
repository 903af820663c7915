"""OpenTok Studio: make, decode and explain OpenTok / Vonage Video tokens."""

__version__ = "0.1.0"
