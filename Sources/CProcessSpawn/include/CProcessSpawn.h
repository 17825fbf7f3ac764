//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

#ifndef C_PROCESS_SPAWN_H
#define C_PROCESS_SPAWN_H

#include <spawn.h>

/// Creates a pipe whose two ends are close-on-exec, atomically where the system can
/// (`pipe2(O_CLOEXEC)`), so a program spawned at the same moment never inherits it.
int cps_pipe_cloexec(int fds[2]);

/// Adds "change the working directory to `path`" to spawn file actions
/// (`posix_spawn_file_actions_addchdir_np`, a GNU/Apple extension Swift does not see).
int cps_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Adds "close every descriptor from `lowest` up" to spawn file actions, so the program inherits
/// only its standard streams, never the server's sockets or files (`addclosefrom_np`, glibc 2.34;
/// elsewhere the spawn uses `POSIX_SPAWN_CLOEXEC_DEFAULT` instead and this returns 0).
int cps_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// The spawn flags this system needs besides the caller's (`POSIX_SPAWN_CLOEXEC_DEFAULT` on Apple).
short cps_extra_spawn_flags(void);

#endif
