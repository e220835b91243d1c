"""How a failed cell is named in the build's message, without a kernel: nbclient's error as
the kernel reported it."""

from nbclient.exceptions import CellExecutionError

from course.builder.execute import error_of

# What nbclient raises when a view's display method fails as IPython displays the cell's
# result: the traceback says what it was, the error's name and value do not.
DISPLAY_FAILED = (
    "An error occurred while executing the following cell:\n------------------\nX()\n"
    "------------------\n\n\n\x1b[0;31m----------\x1b[0m\n"
    "\x1b[0;31mValueError\x1b[0m                                Traceback (most recent call last)\n"
    "Cell In[1], line 3, in X._ipython_display_(self)\n"
    "\x1b[0;31mValueError\x1b[0m: boom\n"
)


def test_an_error_in_the_cells_code_is_its_name_and_value():
    err = CellExecutionError("traceback…", "KeyError", "'tension'")
    assert error_of(err) == "KeyError: 'tension'"


def test_an_error_while_displaying_the_result_is_read_from_the_traceback():
    assert error_of(CellExecutionError(DISPLAY_FAILED, "NoneType", "None")) == "ValueError: boom"
    assert error_of(CellExecutionError(DISPLAY_FAILED, "", "")) == "ValueError: boom"
    assert error_of(CellExecutionError("", "NoneType", "None")) == (
        "an error while displaying the cell's result"
    )
