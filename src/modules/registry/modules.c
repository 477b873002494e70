/* SPDX-License-Identifier: BSD-3-Clause */
/* The module manifest (modules.h). */
#include <errno.h>
#include <stddef.h>

#include <vregion/modules/modules.h>

static const struct module_type *const manifest[] = {
	&copier_module_type,
	&gain_module_type,
	&src_module_type,
};

int modules_register_all(struct fw_instance *fw)
{
	if (!fw)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(manifest) / sizeof(manifest[0]); i++) {
		int ret = fw_register_module_type(fw, manifest[i]);
		if (ret)
			return ret;
	}
	return 0;
}
