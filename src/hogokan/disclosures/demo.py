"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing)."""


def load() -> None:
    return None
