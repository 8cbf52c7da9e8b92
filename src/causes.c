/* The cause catalogue. */
#include "diagnose.h"
