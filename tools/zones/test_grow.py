from grow import grow


def test_zones_grow_on_every_side_and_stay_on_the_page():
    text = "  - {name: 氏名, zone: [660, 640, 1632, 170], required: true}\n  - {name: x, zone: [5, 3, 10, 10]}"
    grown = grow(text, 12)
    assert "zone: [648, 628, 1656, 194]" in grown
    assert "zone: [0, 0, 34, 34]" in grown
