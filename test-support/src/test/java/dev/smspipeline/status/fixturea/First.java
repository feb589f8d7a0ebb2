package dev.smspipeline.status.fixturea;

import dev.smspipeline.status.fixtureb.Second;

/** A structure-test fixture: one half of a package cycle inside a service. */
public class First {

	Second second;

}
