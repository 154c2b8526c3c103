"""When the world changes: a model is only as good as the world it was fitted on.

The alien learned a = 2.5 (price of one muffin) from old receipts.
Years later the bakery has raised its prices. The model has not changed,
the world has: its predictions drift away from the new receipts.
"""
try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None


a = 2.5  # parameter learned from the old notebook

old_receipts = [(1, 2.60), (3, 7.40), (2, 5.10), (5, 12.40), (4, 10.10)]
new_receipts = [(1, 3.10), (3, 9.20), (2, 6.30), (5, 15.40), (4, 12.30)]


def mean_abs_error(receipts):
    return sum(abs(a * n - paid) for n, paid in receipts) / len(receipts)


print("data          mean_abs_error")
print(f"old_receipts  {mean_abs_error(old_receipts):.2f}")
print(f"new_receipts  {mean_abs_error(new_receipts):.2f}")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(old_error=mean_abs_error(old_receipts), new_error=mean_abs_error(new_receipts))
