/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memset/memcpy/memmove for toolchains without a C library. Built with
 * -fno-builtin -fno-tree-loop-distribute-patterns so the compiler does not
 * turn these loops back into calls to themselves. Word-at-a-time when both
 * pointers share an alignment, byte-wise otherwise: small and good enough
 * for the core, which copies little (region metadata, zalloc).
 */
#include <stdint.h>
#include <string.h>

#define WORD sizeof(uintptr_t)

static int aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1u)) == 0;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *d = s;
	unsigned char v = (unsigned char)c;
	while (n && ((uintptr_t)d & (WORD - 1u))) {
		*d++ = v;
		n--;
	}
	uintptr_t w = (uintptr_t)-1 / 0xffu * v; /* v in every byte */
	for (; n >= WORD; n -= WORD, d += WORD)
		*(uintptr_t *)(void *)d = w;
	while (n--)
		*d++ = v;
	return s;
}

/* Forward copy; also correct for overlap when dst is below src. */
static void copy_forward(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (aligned(d, s)) {
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(uintptr_t *)(void *)d = *(const uintptr_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d - (uintptr_t)s >= n) {
		copy_forward(dst, src, n); /* dst below src, or no overlap */
		return dst;
	}
	d += n;
	s += n;
	while (n--)
		*--d = *--s;
	return dst;
}
