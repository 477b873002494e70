/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vregion_demo: the two phases of a region, shown with figures.
 * A "pipeline" of 24 KiB makes its lifetime allocations (module state,
 * delay lines), switches to interim, then churns the interim heap the way
 * runtime parameter updates do, and prints the region's stats after each step.
 */
#include <stdio.h>
#include <stdlib.h>

#include <vregion/vregion.h>

static void show(const char *step, const struct vregion *vr)
{
	struct vregion_stats st;
	vregion_stats(vr, &st);
	static const char *const modes[] = {"interim", "lifetime", "invalid"};
	printf("%-28s mode=%-8s size=%6zu lifetime_used=%6zu interim_size=%6zu "
	       "interim_used=%6zu interim_peak=%6zu largest_free=%6zu\n",
	       step, modes[st.mode], st.size, st.lifetime_used, st.interim_size, st.interim_used,
	       st.interim_peak, st.interim_largest_free);
}

int main(void)
{
	struct vregion *vr = vregion_create(24 * 1024);
	if (!vr) {
		fprintf(stderr, "demo: cannot create a region\n");
		return 1;
	}
	show("created", vr);
	static const size_t lifetime[] = {192, 1024, 4096, 4096, 640, 256};
	for (size_t i = 0; i < sizeof(lifetime) / sizeof(lifetime[0]); i++)
		if (!vregion_alloc(vr, lifetime[i]))
			return 1;
	if (!vregion_alloc_coherent(vr, 300))
		return 1;
	show("lifetime allocations done", vr);

	vregion_set_interim(vr);
	show("switched to interim", vr);

	void *live[32] = {0};
	unsigned int seed = 1;
	unsigned long allocs = 0, fails = 0;
	for (int step = 0; step < 100000; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned int slot = (seed >> 16) % 32;
		if (live[slot]) {
			vregion_free(vr, live[slot]);
			live[slot] = NULL;
		} else {
			size_t size = 16 + (seed >> 8) % 700;
			live[slot] = vregion_alloc(vr, size);
			allocs++;
			fails += live[slot] == NULL;
		}
	}
	show("after 100000 churn steps", vr);
	for (int i = 0; i < 32; i++)
		vregion_free(vr, live[i]);
	show("interim blocks freed", vr);
	printf("churn: %lu allocations, %lu refused for lack of space\n", allocs, fails);
	vregion_info(vr);
	return vregion_put(vr) == NULL ? 0 : 1;
}
