/** The command-line twin of every menu action: plugins register {@link convbench.cli.api.CliCommand} services. */
package convbench.cli.api;
