/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The errno codes vregion returns, for toolchains without a C library
 * (Debian's riscv64-unknown-elf-gcc). Values match newlib and Linux, so a
 * code means the same on every target. Only used when <errno.h> is missing.
 */
#ifndef VREGION_BM_LIBC_ERRNO_H
#define VREGION_BM_LIBC_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 88
#define ENOTSUP 134
#define EOVERFLOW 139
#define ETIMEDOUT 116

#endif /* VREGION_BM_LIBC_ERRNO_H */
