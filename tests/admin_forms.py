"""Read an admin page's form the way a browser submits it, to post it back changed."""

from lxml import html as lxml_html


def form_values(page_html: str, form_id: str) -> dict[str, str | list[str]]:
    """The values a browser would submit for the form with this id, unchanged."""
    form = lxml_html.fromstring(page_html).get_element_by_id(form_id)
    values: dict[str, str | list[str]] = {}
    for element in form.inputs:
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        kind = (element.get("type") or "").lower()
        if element.tag == "input" and kind in {"submit", "button", "image", "file", "reset"}:
            continue
        if element.tag == "input" and kind in {"checkbox", "radio"}:
            if element.checked:
                values[name] = element.get("value", "on")
            continue
        if element.tag == "select":
            chosen = [o.get("value", o.text or "") for o in element.xpath(".//option[@selected]")]
            if element.multiple:
                values[name] = chosen
            elif chosen:
                values[name] = chosen[0]
            else:
                first = element.xpath(".//option")
                values[name] = first[0].get("value", "") if first else ""
            continue
        values[name] = element.value or ""
    return values
