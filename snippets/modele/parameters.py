"""Same model, different parameters: one factory, several manuals.

The model (the factory) is fixed: price = a * n + b
    n : how many items you buy (the input)
    a : price of one item      (a parameter)
    b : fixed fee              (a parameter)
Changing the parameters (the manual) changes what the factory produces,
without touching the model itself.
"""
try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None



def price(n, a, b):
    """The model: a straight line. Its form never changes."""
    return a * n + b


# Three "manuals" for the same factory.
manuals = {
    "beer_bar": {"a": 6.0, "b": 0.0},   # 6 per beer, no fee
    "bakery_A": {"a": 2.5, "b": 1.0},   # 2.5 per muffin + 1 delivery
    "bakery_B": {"a": 2.0, "b": 3.0},   # cheaper muffins, bigger fee
}

for name, p in manuals.items():
    print(f"{name:9s} a={p['a']:.1f} b={p['b']:.1f}")
print()

# Same inputs, same model, different parameters -> different outputs.
header = "n  " + "  ".join(f"{name:>9s}" for name in manuals)
print(header)
for n in range(0, 7):
    row = "  ".join(f"{price(n, **p):9.2f}" for p in manuals.values())
    print(f"{n}  {row}")

# The three beers of the talk: 3 * 6 = 18.
print()
print("beer_bar, n=3 ->", price(3, **manuals["beer_bar"]))

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(prices={name: [price(n, **p) for n in range(0, 7)] for name, p in manuals.items()})
