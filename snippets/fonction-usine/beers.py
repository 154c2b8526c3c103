"""Three beers at 6 euros: the smallest model there is.

Chapter "La fonction comme une usine / The function as a factory".
Input x (how many beers), processing f (times the unit price), output y
(what you pay). The same multiplication, written with numpy as a matrix
product, is the operation a language model repeats billions of times.
"""

import numpy as np

UNIT_PRICE_EUR = 6.0


def f(x):
    """The model: y = 6 * x. Its one parameter is the unit price."""
    return UNIT_PRICE_EUR * x


for x in [1, 2, 3]:
    print(f"x = {x} beer(s)  ->  y = f(x) = {f(x):.2f} EUR")

weights = np.array([[UNIT_PRICE_EUR]])  # a 1 x 1 "layer"
inputs = np.array([3.0])
print("matrix form: W @ x =", weights @ inputs)
