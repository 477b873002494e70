/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest program using an installed vregion: one region, both phases. */
#include <stdio.h>

#include <vregion/vregion.h>

int main(void)
{
	struct vregion *vr = vregion_create(2 * VREGION_PAGE_SIZE);
	if (!vr || !vregion_alloc(vr, 1000))
		return 1;
	vregion_set_interim(vr);
	void *p = vregion_alloc(vr, 3000);
	struct vregion_stats st;
	if (!p || vregion_stats(vr, &st) || vregion_free(vr, p))
		return 1;
	printf("consumer: region %zu bytes, lifetime %zu, interim %zu\n", st.size, st.lifetime_used,
	       st.interim_size);
	return vregion_put(vr) == NULL ? 0 : 1;
}
