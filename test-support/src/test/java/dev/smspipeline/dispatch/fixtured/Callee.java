package dev.smspipeline.dispatch.fixtured;

/** A structure-test fixture: a class another service uses. */
public class Callee {

}
