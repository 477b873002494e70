/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Arm semihosting for the test target: text out and the exit status, both
 * through QEMU (-semihosting-config enable=on,target=native). Nothing else
 * of the host is used.
 */
#ifndef VREGION_TARGET_SEMIHOST_H
#define VREGION_TARGET_SEMIHOST_H

/** Write a NUL-terminated string to the host's console (SYS_WRITE0). */
void semihost_write0(const char *s);

/**
 * End the emulation with exit status @p status (SYS_EXIT_EXTENDED, so QEMU
 * exits with exactly that status). Does not return.
 */
_Noreturn void semihost_exit(int status);

#endif /* VREGION_TARGET_SEMIHOST_H */
