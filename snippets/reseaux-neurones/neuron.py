"""One artificial neuron, step by step: a linear part, then a non-linear part.

    output = activation(w1*x1 + w2*x2 + b)

Inputs: two features of a photo (roundness, dark_spots), between 0 and 1.
Weights w1, w2 and bias b are the neuron's parameters (learned in training;
here they are simply given).
"""
import math

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

x = [0.8, 0.7]        # a round photo with many dark spots
w = [3.0, 3.0]        # weights: how much each input counts
b = -3.0              # bias: a threshold the weighted sum must beat

# 1. Linear part: weighted sum of the inputs, plus the bias.
z = w[0] * x[0] + w[1] * x[1] + b
print(f"z = {w[0]}*{x[0]} + {w[1]}*{x[1]} + ({b}) = {z:.2f}")

# 2. Non-linear part: the activation function.
step = 1.0 if z > 0 else 0.0
sigmoid = 1 / (1 + math.exp(-z))
relu = max(0.0, z)
print(f"step(z)    = {step:.2f}")
print(f"sigmoid(z) = {sigmoid:.2f}")
print(f"relu(z)    = {relu:.2f}")

# The same neuron on a few other photos (sigmoid output: 1 = muffin, 0 = cat).
print()
print("roundness dark_spots     z  sigmoid")
for x1, x2 in [(0.8, 0.7), (0.3, 0.2), (0.5, 0.5), (0.9, 0.1)]:
    z = w[0] * x1 + w[1] * x2 + b
    print(f"{x1:9.1f} {x2:10.1f} {z:5.2f} {1 / (1 + math.exp(-z)):8.2f}")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(z=w[0] * x[0] + w[1] * x[1] + b, sigmoid=sigmoid)  # the photo (0.8, 0.7) of the top
