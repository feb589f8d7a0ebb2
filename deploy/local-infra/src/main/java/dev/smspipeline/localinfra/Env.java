/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads launcher settings from the environment.
 */
public final class Env {

	private final Map<String, String> variables;

	public Env(Map<String, String> variables) {
		this.variables = variables;
	}

	public static Env system() {
		return new Env(System.getenv());
	}

	public String get(String name, String defaultValue) {
		String value = this.variables.get(name);
		return (value != null && !value.isBlank()) ? value.trim() : defaultValue;
	}

	public int port(String name, int defaultValue) {
		String value = get(name, null);
		if (value == null) {
			return defaultValue;
		}
		try {
			int port = Integer.parseInt(value);
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
		}
	}

	public Path path(String name, String defaultValue) {
		return Path.of(get(name, defaultValue)).toAbsolutePath().normalize();
	}

}
