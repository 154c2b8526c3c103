"""Two straight lines make a decision that one line cannot: a hidden layer.

Four points, as in the TensorFlow Playground "XOR" pattern:
orange (label 1) in two opposite corners, blue (label 0) in the other two.
No single straight line separates them. A hidden layer of two neurons,
each drawing one straight line, turns the points into a new representation
in which one last neuron can separate them. Weights are set by hand here;
training would find weights that do the same job.
All points go through each layer at once, as one matrix product.
"""
import numpy as np

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None


def step(z):
    return (z > 0).astype(int)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])    # the four points
labels = np.array([0, 1, 1, 0])                   # 1 = orange, 0 = blue

# Hidden layer: 2 neurons; each column of W1 is one neuron's weights.
W1 = np.array([[1.0, 1.0],
               [1.0, 1.0]])
b1 = np.array([-0.5, -1.5])   # neuron h1: x1 + x2 > 0.5 ; neuron h2: x1 + x2 > 1.5
H = step(X @ W1 + b1)         # the hidden representation of every point

# Output layer: 1 neuron reading the hidden representation.
W2 = np.array([1.0, -1.0])
b2 = -0.5                     # "h1 and not h2"
out = step(H @ W2 + b2)

print("x1 x2 | h1 h2 | output label")
for (x1, x2), (h1, h2), o, t in zip(X, H, out, labels):
    print(f"{x1:2d} {x2:2d} | {h1:2d} {h2:2d} | {o:6d} {t:5d}")
print("all correct:", bool(np.all(out == labels)))
print("parameters:", W1.size + b1.size + W2.size + 1)

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(parameters=int(W1.size + b1.size + W2.size + 1))
