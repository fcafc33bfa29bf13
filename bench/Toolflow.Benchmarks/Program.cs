using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/Toolflow.Benchmarks -- --filter '*Validation*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
