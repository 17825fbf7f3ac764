# SPDX-License-Identifier: Apache-2.0
"""Crash consistency: the server killed with SIGKILL at random moments of uploads, validate,
complete and PULL, and restarted on the same data folder, never shows half an upload, never
loses a completed item, keeps (or cleanly expires) what ACTIVE sessions received, and leaves no
orphan blob once the reaper has ended the sessions.

The trials and their invariants are in `crash_harness.py` (`scripts/crash-test N` runs more).
Each run picks a new seed, printed on failure with the command that replays it; set
`CRASH_SEED` to replay one here."""
import os
import random

import crash_harness

TRIALS = 20


def test_random_kills_keep_items_sessions_and_blobs_consistent(binary):
    """20 trials on one data folder, then the reaper ends every session: every invariant holds."""
    seed = os.environ.get("CRASH_SEED") or str(random.randrange(1 << 32))
    lines = []
    try:
        summary = crash_harness.run(binary, TRIALS, seed=seed, log=lines.append, keep_on_failure=True)
    except crash_harness.Failure as failure:
        raise AssertionError(
            f"{failure}\nreplay: CRASH_SEED={seed} pytest Tests/Conformance/test_crash_consistency.py "
            f"or scripts/crash-test {TRIALS} {seed}\n" + "\n".join(lines)) from None
    assert summary["trials"] == TRIALS
    # The run exercised what it claims to: sessions were completed and some ended otherwise.
    assert summary["completed"] > 0, summary
    assert summary["sessions"] > TRIALS, summary
    print(summary)
