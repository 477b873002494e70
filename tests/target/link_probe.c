/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Link check for targets we cannot run (RISC-V rv32imac, Cortex-M33): a
 * freestanding image with no start files and, where the toolchain has no C
 * library, no libc at all, that calls every layer of the core. It links only
 * if libvregion needs nothing beyond itself, libgcc and memset/memcpy/memmove.
 * Never executed. The VR_PROBE_* switches follow which core files exist.
 */
#include <stddef.h>
#include <stdint.h>

#include <vregion/vpage.h>
#if VR_PROBE_SYSHEAP
#include <vregion/sysheap.h>
#endif
#if VR_PROBE_REGION
#include <vregion/vregion.h>
#endif
#if VR_PROBE_ALLOC_CTX
#include <vregion/alloc_ctx.h>
#endif

void _start(void);

/* A sink the compiler must assume is read, so no call is optimised away. */
volatile uintptr_t vr_probe_sink;

static _Alignas(8) unsigned char probe_pool[8 * VREGION_PAGE_SIZE];

void _start(void)
{
	vr_probe_sink = (uintptr_t)vpage_pool_init(probe_pool, sizeof(probe_pool));
	void *pages = vpage_alloc(1);
	vr_probe_sink = (uintptr_t)vpage_free(pages);
#if VR_PROBE_SYSHEAP
	void *s = sys_heap_alloc(24, 0);
	vr_probe_sink = (uintptr_t)sys_heap_free(s);
#endif
#if VR_PROBE_REGION
	struct vregion *vr = vregion_create(2 * VREGION_PAGE_SIZE);
	vr_probe_sink = (uintptr_t)vregion_alloc(vr, 100);
	vregion_set_interim(vr);
	void *b = vregion_alloc_align(vr, 200, 64);
	vr_probe_sink = (uintptr_t)vregion_alloc_coherent(vr, 10);
	vr_probe_sink = (uintptr_t)vregion_free(vr, b);
#if VR_PROBE_ALLOC_CTX
	struct mod_alloc_ctx *ctx = sof_ctx_new(NULL, vr);
	void *c = sof_ctx_zalloc(ctx, 0, 48, 0);
	vr_probe_sink = (uintptr_t)sof_ctx_free(ctx, c);
	vr_probe_sink = (uintptr_t)sof_ctx_delete(ctx);
#endif
	vr_probe_sink = (uintptr_t)vregion_put(vr);
#endif
	for (;;)
		;
}
