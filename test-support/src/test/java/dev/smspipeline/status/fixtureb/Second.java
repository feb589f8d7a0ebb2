package dev.smspipeline.status.fixtureb;

import dev.smspipeline.status.fixturea.First;

/** A structure-test fixture: the other half of a package cycle inside a service. */
public class Second {

	First first;

}
