/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generic field codec: one loop that moves bits between words and
 * structure members as a layout table says, in either direction.
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/fields.h>

static uint32_t field_mask(const struct ipc4_field *f)
{
	return f->width >= 32 ? 0xFFFFFFFFu : ((1u << f->width) - 1u);
}

static uint64_t member_get(const void *s, const struct ipc4_field *f)
{
	const unsigned char *p = (const unsigned char *)s + f->off;

	switch (f->msize) {
	case 1: { uint8_t v; memcpy(&v, p, 1); return v; }
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
	case 8: { uint64_t v; memcpy(&v, p, 8); return v; }
	default: return 0;
	}
}

/*
 * Store @bits as bits [vshift, vshift+width) of the member. The part at
 * vshift 0 sets the whole member (so the structure need not be cleared
 * first); a later part of a wide member adds its bits above it.
 */
static void member_put(void *s, const struct ipc4_field *f, uint32_t bits)
{
	unsigned char *p = (unsigned char *)s + f->off;
	uint64_t m = (uint64_t)field_mask(f) << f->vshift;
	uint64_t v = (uint64_t)bits << f->vshift;

	if (f->vshift)
		v |= member_get(s, f) & ~m;

	switch (f->msize) {
	case 1: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
	case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
	case 8: memcpy(p, &v, 8); break;
	default: break;
	}
}

void ipc4_fields_decode(const struct ipc4_layout *layout, const uint32_t *words, void *s)
{
	for (uint16_t i = 0; i < layout->count; i++) {
		const struct ipc4_field *f = &layout->fields[i];

		if (f->sub) {
			ipc4_fields_decode(f->sub, words + f->word, (unsigned char *)s + f->off);
			continue;
		}
		member_put(s, f, (words[f->word] >> f->shift) & field_mask(f));
	}
}

/*
 * A member fits when no bit outside the bits carried by its fields is set.
 * Wide members split over several fields are checked field by field: the
 * bits above the last part must be zero, which the highest part checks.
 */
static int member_fits(const struct ipc4_layout *layout, const struct ipc4_field *f,
		       uint64_t v)
{
	uint64_t carried = 0;

	if (f->vshift == 0 && f->width >= 8u * f->msize)
		return 1;  /* the field holds the whole member */
	for (uint16_t i = 0; i < layout->count; i++) {
		const struct ipc4_field *g = &layout->fields[i];

		if (!g->sub && g->off == f->off)
			carried |= (uint64_t)field_mask(g) << g->vshift;
	}
	return (v & ~carried) == 0;
}

int ipc4_fields_encode(const struct ipc4_layout *layout, const void *s, uint32_t *words)
{
	for (uint16_t i = 0; i < layout->count; i++) {
		const struct ipc4_field *f = &layout->fields[i];
		uint64_t v;

		if (f->sub) {
			int ret = ipc4_fields_encode(f->sub, (const unsigned char *)s + f->off,
						     words + f->word);
			if (ret)
				return ret;
			continue;
		}
		v = member_get(s, f);
		if (!member_fits(layout, f, v))
			return -ERANGE;
		words[f->word] |= ((uint32_t)(v >> f->vshift) & field_mask(f)) << f->shift;
	}
	return 0;
}

int ipc4_fields_decode_bytes(const struct ipc4_layout *layout, const uint8_t *bytes,
			     size_t len, void *s)
{
	uint32_t words[64];

	if (!bytes || len < (size_t)layout->words * 4u || layout->words > 64)
		return -EINVAL;
	for (uint16_t i = 0; i < layout->words; i++)
		words[i] = ipc4_le32(bytes + 4u * i);
	ipc4_fields_decode(layout, words, s);
	return 0;
}

int ipc4_fields_encode_bytes(const struct ipc4_layout *layout, const void *s,
			     uint8_t *bytes, size_t cap)
{
	uint32_t words[64] = { 0 };
	int ret;

	if (!bytes || cap < (size_t)layout->words * 4u || layout->words > 64)
		return -EINVAL;
	ret = ipc4_fields_encode(layout, s, words);
	if (ret)
		return ret;
	for (uint16_t i = 0; i < layout->words; i++)
		ipc4_put_le32(bytes + 4u * i, words[i]);
	return 0;
}

/* A part of a wide member must follow the part that carries its bit 0. */
static int low_part_before(const struct ipc4_layout *layout, uint16_t idx)
{
	for (uint16_t i = 0; i < idx; i++) {
		const struct ipc4_field *g = &layout->fields[i];

		if (!g->sub && g->off == layout->fields[idx].off && g->vshift == 0)
			return 1;
	}
	return 0;
}

/* Collect the bits each word uses into @used; -EINVAL on overlap or overflow. */
static int layout_bits(const struct ipc4_layout *layout, uint32_t *used, unsigned nwords)
{
	if (layout->words > nwords)
		return -EINVAL;
	for (uint16_t i = 0; i < layout->count; i++) {
		const struct ipc4_field *f = &layout->fields[i];
		uint32_t m;

		if (f->sub) {
			if (f->word >= layout->words ||
			    f->sub->words > layout->words - f->word ||
			    layout_bits(f->sub, used + f->word, layout->words - f->word))
				return -EINVAL;
			continue;
		}
		if (f->word >= layout->words || f->width == 0 || f->width > 32 ||
		    f->shift + f->width > 32 || f->vshift + f->width > 8u * f->msize ||
		    (f->msize != 1 && f->msize != 2 && f->msize != 4 && f->msize != 8))
			return -EINVAL;
		m = field_mask(f) << f->shift;
		if ((used[f->word] & m) || (f->vshift && !low_part_before(layout, i)))
			return -EINVAL;
		used[f->word] |= m;
	}
	return 0;
}

int ipc4_layout_check(const struct ipc4_layout *layout)
{
	uint32_t used[64] = { 0 };

	if (!layout || layout->words == 0 || layout->words > 64)
		return -EINVAL;
	return layout_bits(layout, used, layout->words);
}

uint32_t ipc4_field_mask(const struct ipc4_layout *layout, const char *name, unsigned word)
{
	for (uint16_t i = 0; i < layout->count; i++) {
		const struct ipc4_field *f = &layout->fields[i];

		if (f->sub) {
			uint32_t m = 0;

			if (word >= f->word)
				m = ipc4_field_mask(f->sub, name, word - f->word);
			if (m)
				return m;
			continue;
		}
		if (f->word == word && strcmp(f->name, name) == 0)
			return field_mask(f) << f->shift;
	}
	return 0;
}
