package io.vst.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one method use an API the build's forbidden-apis check refuses (pom.xml); say why beside it.
 * Used once: {@link Main#main} hands the process's standard streams to the CLI.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
}
