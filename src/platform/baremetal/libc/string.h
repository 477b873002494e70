/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The three C library functions the vregion core calls, for toolchains
 * without a C library. mem.c defines them. Only used when <string.h> is
 * missing.
 */
#ifndef VREGION_BM_LIBC_STRING_H
#define VREGION_BM_LIBC_STRING_H

#include <stddef.h>

/** Fill @p n bytes at @p s with (unsigned char)@p c; returns @p s. */
void *memset(void *s, int c, size_t n);
/** Copy @p n bytes; the areas must not overlap. Returns @p dst. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
/** Copy @p n bytes; the areas may overlap. Returns @p dst. */
void *memmove(void *dst, const void *src, size_t n);

#endif /* VREGION_BM_LIBC_STRING_H */
