package dev.smspipeline.campaign.fixturec;

import dev.smspipeline.dispatch.fixtured.Callee;

/** A structure-test fixture: a class of one service using another service's class. */
public class Caller {

	Callee callee;

}
