/* The module types the testbench's firmware knows: the project's manifest. */
#include "tb_firmware.h"

#include <vregion/modules/modules.h>

int tb_register_modules(struct fw_instance *fw)
{
	return modules_register_all(fw);
}
