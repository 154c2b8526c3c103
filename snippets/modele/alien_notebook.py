"""The alien's notebook: learning a parameter from observations.

An alien watches a bakery. It sees how many muffins go out (the input)
and how much is paid (the output). It assumes a model, price = a * n,
but does not know the parameter a (the price of one muffin).
It learns a from its notebook by repeating: predict, compare, adjust.
Plain Python, no library.
"""
try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# What the alien wrote in its notebook: (muffins, price paid).
# The receipts are a little noisy, as real data always is.
notebook = [(1, 2.60), (3, 7.40), (2, 5.10), (5, 12.40), (4, 10.10)]

a = 1.0             # first guess for the price of one muffin
step_size = 0.02    # how boldly the alien corrects itself (learning rate)

print("round step  n  paid  predicted  error  new_a")
step = 0
for round_ in range(1, 5):               # four passes over the notebook
    for n, paid in notebook:
        step += 1
        predicted = a * n                 # 1. predict with the current rule
        error = predicted - paid          # 2. compare with what really happened
        a = a - step_size * error * n     # 3. adjust the rule a little
        print(f"{round_:5d} {step:4d} {n:2d} {paid:5.2f} {predicted:10.2f} "
              f"{error:6.2f} {a:6.3f}")

print()
print("learned a =", round(a, 3))
for n in (6, 10):
    print(f"prediction for n={n}: {a * n:.2f}")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(first_guess=1.0, first_paid=notebook[0][1], learned_a=a, prediction_6=a * 6)
