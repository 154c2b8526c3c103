"""How many parameters? From a Playground-sized network to GPT-3.

A fully connected layer with n_in inputs and n_out neurons has
n_in * n_out weights plus n_out biases.
"""

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None


def dense_params(sizes):
    """Parameter count of a stack of fully connected layers."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


# A small Playground-like network: 2 inputs, hidden layers of 4 and 2, 1 output.
print("playground_2_4_2_1", dense_params([2, 4, 2, 1]))
print()

# Published sizes (rounded; from the models' papers and model cards).
published = [
    ("BERT-base (2018)", 110e6),
    ("GPT-1 (2018)", 117e6),
    ("SmolLM2-135M (2024)", 135e6),
    ("Gemma-3-270M (2025)", 270e6),
    ("GPT-2 XL (2019)", 1.5e9),
    ("GPT-3 (2020)", 175e9),
]
print(f"{'model':22s} {'parameters':>11s}")
for name, n in published:
    print(f"{name:22s} {n:11.2e}")

millions_of_billions = 1e6 * 1e9
print()
print("millions_of_billions", f"{millions_of_billions:.0e}")
print("ratio_to_GPT-3", round(millions_of_billions / 175e9))

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(playground=dense_params([2, 4, 2, 1]))
