# Sourced by the scripts that build an app outside the repository, as a customer would.

# new_outside_app DIR NAME PROPERTIES ITEMS: writes DIR/NAME.csproj, a net10.0 console app with warnings as errors,
# PROPERTIES added to its PropertyGroup and ITEMS (PackageReference/ProjectReference lines) in an ItemGroup; and stubs
# DIR's Directory.*.props/targets, so MSBuild's search for the repository's stops there and none of them apply.
new_outside_app() {
  local dir="$1" name="$2" properties="$3" items="$4"
  mkdir -p "$dir"
  echo '<Project />' > "$dir/Directory.Build.props"
  echo '<Project />' > "$dir/Directory.Build.targets"
  echo '<Project />' > "$dir/Directory.Packages.props"
  cat > "$dir/$name.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
$properties
  </PropertyGroup>
  <ItemGroup>
$items
  </ItemGroup>
</Project>
XML
}
