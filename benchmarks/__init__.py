"""Ratio benchmarks for herotui: `python -m benchmarks [--quick] [--json FILE]`.

Machines here are shared and noisy, so every figure is a ratio of two things measured side by
side in the same run, several times, reporting the median. These are benchmarks, not timed
tests: CI only smoke-runs them at tiny sizes (`tests/test_benchmarks_smoke.py`) so they do not rot.

Modules (the package imports nothing heavy, so a probe process pays only for what it measures):

* `populate`  - the data generator (`python -m benchmarks.populate --db FILE ...`);
* `profiles`  - the sizes of a full, quick and smoke run;
* `measure`   - medians, percentiles, CPU time, peak memory and the result lines;
* `probe`     - what runs inside a measured child process (start-up, feed, idle, slow drive, watch, post);
* `children`  - starting those child processes in a private herotui home;
* `screen`    - reading the app's state from outside its screens (feed position, text on screen);
* `crowd`     - many processes at once: writes under contention and the slot race;
* `suite`     - the benchmarks, each returning result lines;
* `waiting`   - start-up headless and in a pseudo-terminal, statements before a screen's data, the CLI;
* `terminal`  - running a command on a pseudo-terminal and reading its screen (`pyte`);
* `counts`    - the statement-counting probe; `roundtrips` - FUSE round trips per write (standalone);
* `memory`    - an idle hour with a running timer, simulated in a minute: resident memory growth;
* `way_out`   - the contention row and the slot race on PostgreSQL beside the file;
* `backends`  - a fresh PostgreSQL database per run, and read-only checks for both backends;
* `__main__`  - the runner: table, JSON.
"""
