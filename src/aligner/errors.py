"""One family of exceptions, with messages written for the person at the terminal."""


class AlignerError(Exception):
    """Base of every error the library raises on purpose; ``str(err)`` is the message."""


class InputError(AlignerError):
    """An input file is missing, unreadable, binary, undecodable or too large."""


class OutputError(AlignerError):
    """A report cannot be written where it was asked to go."""


class OptionError(AlignerError):
    """An option has a value the tool cannot use."""
