"""Change a YAML content file in place, the way an author's mistake would: read it, alter the data, write it back."""

import yaml


def edit(path, change) -> None:
    """Apply ``change`` (a function that alters the parsed data in place) to the YAML file at ``path``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
