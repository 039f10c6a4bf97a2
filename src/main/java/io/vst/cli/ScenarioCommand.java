package io.vst.cli;

import io.vst.VstException;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.engine.RunPlanChecks;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.schema.ScenarioDocs;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.Scenarios;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.validate.ValidationRules;
import io.vst.scenario.yaml.ParseResult;
import io.vst.units.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vst scenario ...}: check scenarios, list and show the built-ins, print the language reference. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Check scenario files, list built-in scenarios and print the scenario reference.",
        subcommands = {ScenarioCommand.Validate.class, ScenarioCommand.Check.class, ScenarioCommand.Docs.class,
            ScenarioCommand.ListBuiltins.class, ScenarioCommand.Show.class})
public final class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.EXIT_OK;
    }

    /** Options shared by validate and check. */
    static final class Input {
        @Option(names = "--scenario", required = true, paramLabel = "FILE|NAME",
                description = "Scenario file, or the name of a built-in scenario.")
        String scenario;

        @Option(names = "--strict", description = "Treat warnings (unknown keys, suspicious values) as errors.")
        boolean strict;

        @Option(names = "--rules", paramLabel = "FILE",
                description = "Validation rules file (default: config/validation/default_rules.yaml).")
        Path rules;

        @Mixin
        PluginOptions plugins;

        /** The schema: built-ins plus the parameters plugin workloads declare. */
        SchemaRegistry schema() {
            return plugins.registry().schema(SchemaRegistry.builtin());
        }

        /** Loads and validates; prints the diagnostics to err; returns the result, or null if the rules are bad. */
        ParseResult load(CommandSpec spec, boolean showInfo) {
            PrintWriter err = spec.commandLine().getErr();
            ValidationRules r = ValidationRules.defaults();
            if (rules != null) {
                ValidationRules.Loaded loaded = ValidationRules.read(rules);
                print(loaded.diagnostics(), err, showInfo);
                if (loaded.hasErrors()) {
                    return null;
                }
                r = loaded.rules();
            }
            ParseResult result = Scenarios.load(scenario, new ValidationOptions(strict, r), schema());
            result = result.withMore(DatasetLookup.check(result, null));
            print(result.diagnostics(), err, showInfo);
            return result;
        }
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter err, boolean showInfo) {
        for (Diagnostic d : diagnostics) {
            if (showInfo || d.severity() != Severity.INFO) {
                err.println(d.format());
            }
        }
        err.flush();
    }

    /** Prints text as-is to the command's out stream; returns exit code 0. */
    static int printText(CommandSpec spec, String text) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    static String sourceName(ParseResult r, Input input) {
        return r.scenario() == null ? input.scenario : r.scenario().sourceName();
    }

    static String counts(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
        return String.format(Locale.ROOT, "%d error%s, %d warning%s", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    }

    /** {@code vst scenario validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a scenario: YAML syntax, keys, types, ranges, names and step order. "
                    + "Prints file:line:col: error: message lines; exit 2 when there are errors.")
    static final class Validate implements Callable<Integer> {
        @Mixin
        Input input;

        @Option(names = "--verbose", description = "Also print notes and an outline of the steps.")
        boolean verbose;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ParseResult r = input.load(spec, verbose);
            if (r == null) {
                return Main.EXIT_INVALID;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (verbose && r.scenario() != null) {
                DryRunPrinter.outline(r.scenario(), out);
            }
            out.println(sourceName(r, input) + ": " + (r.hasErrors() ? "invalid" : "valid") + " ("
                    + counts(r.diagnostics()) + ")");
            return r.hasErrors() ? Main.EXIT_INVALID : Main.EXIT_OK;
        }
    }

    /** {@code vst scenario check}: validation plus what the execution plan reveals. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a scenario and check its execution plan: estimated duration, vectors "
                    + "and server memory against the scenario's limits.")
    static final class Check implements Callable<Integer> {
        @Mixin
        Input input;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ParseResult r = input.load(spec, true);
            PrintWriter out = spec.commandLine().getOut();
            if (r == null) {
                return Main.EXIT_INVALID;
            }
            if (r.hasErrors()) {
                out.println(sourceName(r, input) + ": invalid (" + counts(r.diagnostics()) + ")");
                return Main.EXIT_INVALID;
            }
            RunPlan plan = RunPlan.of(r.scenario(), input.schema(), PlanOptions.defaults());
            List<Diagnostic> planFindings = RunPlanChecks.check(plan, input.strict);
            out.println(r.scenario().sourceName() + ": " + plan.flatten().size()
                    + (plan.flatten().size() == 1 ? " step" : " steps") + " planned, estimated "
                    + Units.duration(plan.estimatedSeconds()) + ", peak server memory for vectors ~"
                    + Units.bytes(plan.estimatedPeakMemoryBytes()));
            print(planFindings, spec.commandLine().getErr(), true);
            boolean planErrors = planFindings.stream().anyMatch(Diagnostic::isError);
            out.println(r.scenario().sourceName() + ": " + (planErrors ? "invalid" : "ok") + " ("
                    + counts(concat(r.diagnostics(), planFindings)) + ")");
            return planErrors ? Main.EXIT_INVALID : Main.EXIT_OK;
        }

        private static List<Diagnostic> concat(List<Diagnostic> a, List<Diagnostic> b) {
            List<Diagnostic> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** {@code vst scenario docs}. */
    @Command(name = "docs", mixinStandardHelpOptions = true,
            description = "Print the reference of every key, step type, workload, parameter and metric.")
    static final class Docs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return printText(spec, ScenarioDocs.reference(SchemaRegistry.builtin()));
        }
    }

    /** {@code vst scenario list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
    static final class ListBuiltins implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String name : Scenarios.builtinNames()) {
                ParseResult r = Scenarios.readOnly(name);
                String description = r.scenario() == null || r.scenario().description() == null ? ""
                        : r.scenario().description().strip().lines().findFirst().orElse("");
                out.printf(Locale.ROOT, "%-24s %s%n", name, description);
            }
            out.println();
            out.println("Show one with 'vst scenario show NAME'; run one with 'vst run --scenario NAME'.");
            return Main.EXIT_OK;
        }
    }

    /** {@code vst scenario show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a built-in scenario's YAML.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Built-in scenario name (see 'vst scenario list').")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String n = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
            if (!Scenarios.builtinNames().contains(n)) {
                throw VstException.invalidInput("No built-in scenario named '" + name + "'",
                        "built-in scenarios: " + String.join(", ", Scenarios.builtinNames()));
            }
            return printText(spec, Scenarios.builtinText(n));
        }
    }
}
