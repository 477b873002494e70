/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A module that writes one byte past its block (issue 9 item 5). Usage:
 * overflow lifetime|interim|sysheap|inbounds. It allocates a 24-byte block
 * of that kind and writes byte 24 (inbounds: byte 23, the control). The
 * ASan build must report the write (heap-use-after-poison) and stop; under
 * valgrind memcheck reports "Invalid write of size 1". Exit 0 means the
 * overflow went unseen. Registered by tests/hardening/CMakeLists.txt.
 */
#include <stdio.h>
#include <string.h>

#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#define N 24

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";
	struct vregion *vr = vregion_create(16384);
	volatile unsigned char *p;
	size_t at = N;

	if (!vr)
		return 2;
	if (strcmp(kind, "lifetime") == 0 || strcmp(kind, "inbounds") == 0) {
		p = vregion_alloc(vr, N);
		(void)vregion_alloc(vr, 64); /* a neighbour: the byte past is not at the end */
		if (kind[0] == 'i')
			at = N - 1;
	} else if (strcmp(kind, "interim") == 0) {
		vregion_set_interim(vr);
		p = vregion_alloc(vr, N);
		(void)vregion_alloc(vr, 64);
	} else if (strcmp(kind, "sysheap") == 0) {
		p = sys_heap_alloc(N, 0);
		(void)sys_heap_alloc(64, 0);
	} else {
		fprintf(stderr, "usage: overflow lifetime|interim|sysheap|inbounds\n");
		return 2;
	}
	if (!p)
		return 2;
	printf("writing byte %zu of a %d-byte %s block\n", at, N, kind);
	fflush(stdout);
	p[at] = 0x5A;
	printf("write not reported\n");
	return 0;
}
